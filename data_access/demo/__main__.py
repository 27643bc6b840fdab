"""The command's old name (``python -m data_access.demo``): say where it went."""
import sys

sys.exit("Perintah ini sudah pindah: python -m data_access demo (semua perintah: python -m data_access --help).")
