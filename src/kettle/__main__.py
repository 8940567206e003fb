from kettle.cli import main

main()
