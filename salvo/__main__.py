import sys

from salvo.cli import main

sys.exit(main())
