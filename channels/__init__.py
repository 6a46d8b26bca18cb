"""Input channels of the coach beyond Rasa's own (see credentials.yml)."""
