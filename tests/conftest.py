"""Settings for every test: the native VM's command-line runner (mcvm) serves host calls with
this interpreter's microcore (firmware/native/main.c)."""

import os
import sys

os.environ.setdefault("MCVM_HOST", f"{sys.executable} -m microcore.bytecode.hostcalls")
