"""The command's old name (``python -m data_access.importer``): say where it went."""
import sys

sys.exit("Perintah ini sudah pindah: python -m data_access import BERKAS [BERKAS ...] "
         "(semua perintah: python -m data_access --help).")
