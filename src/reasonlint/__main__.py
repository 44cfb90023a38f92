from reasonlint.cli import main

raise SystemExit(main())
