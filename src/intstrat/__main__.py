from intstrat.cli import main

main()
