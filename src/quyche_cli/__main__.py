from quyche_cli.cli.app import run

run()
