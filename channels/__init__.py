"""Input channels of the coach beyond Rasa's own (see credentials.yml).

Importing the package also installs ``channels.speedups`` in the Rasa server (one JSON-schema
validator for every action-server answer instead of a new one per call).
"""

from channels import speedups as speedups
