#!/usr/bin/env python
from lotse.cli import main

if __name__ == "__main__":
    main()
