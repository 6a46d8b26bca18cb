"""Make the repository root importable (the engine and the actions are top-level packages), and
choose how the property and fuzz tests (Hypothesis) draw their examples.

- "ci", the default (`make test`): the same examples on every run and every machine
  (derandomized, no example database), so that a red suite means a changed program, never a
  luckier draw. A failure prints the blob that reproduces it (``@reproduce_failure``).
- "fuzz" (`make fuzz`, i.e. ``pytest --hypothesis-profile=fuzz``, or HYPOTHESIS_PROFILE=fuzz):
  fresh random examples, five times as many (FUZZ_EXAMPLES=1000 for ten times, and so on);
  failures are kept in .hypothesis/ and replayed first on the next run. A failure found this way
  belongs in the test as an ``@example(...)``.

Tests that set ``max_examples`` state it as a multiple of the profile's, so that both profiles
scale them (``settings.default`` is the loaded profile when the test modules are imported).
"""

import os
import sys
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "500")),
    deadline=None,
    print_blob=True,
)
# --hypothesis-profile on the command line is applied after this file is read, and wins.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
