"""``python -m qa_lib``: see :mod:`qa_lib.cli`."""

import sys

from .cli import main

sys.exit(main())
