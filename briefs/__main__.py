from briefs.cli.commands import run

# Guarded: worker processes (spawn) import this module again, and must not run the CLI.
if __name__ == "__main__":
    run()
