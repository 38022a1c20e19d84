from strikelog.cli import main

main()
