"""Imported first by the workers' forkserver (its preload list): Ctrl-C in the terminal reaches
the whole process group, and the forkserver must not die of it halfway through importing
lobkit and matplotlib (a KeyboardInterrupt traceback under "lobkit classroom stopped"). The
server itself stops the workers (`Workers.stop`); the forkserver ignores SIGINT from here on,
as multiprocessing's forkserver does anyway once its preloads are done."""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
