"""Signatures generated at test time: there is no ClamAV database here.

The EICAR test string is matched by a body signature (.ndb); a hash
signature (.hdb) covers a second, harmless-looking test file, so both
signature kinds that real databases use are exercised."""
import hashlib
import pathlib
import zipfile

# The standard anti-virus test file (68 bytes, harmless by definition).
EICAR = (b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
EICAR_NAME = "Eicar-Test-Signature"

# Content detected by hash only.
HASH_TEST_CONTENT = b"scannedonly hash-signature test file\n"
HASH_TEST_NAME = "Scannedonly.Test.Hash"


def write_test_database(dbdir):
    """Writes a minimal signature database to dbdir and returns it."""
    dbdir = pathlib.Path(dbdir)
    dbdir.mkdir(parents=True, exist_ok=True)
    (dbdir / "test.ndb").write_text(f"{EICAR_NAME}:0:*:{EICAR.hex()}\n")
    digest = hashlib.md5(HASH_TEST_CONTENT).hexdigest()
    (dbdir / "test.hdb").write_text(f"{digest}:{len(HASH_TEST_CONTENT)}:{HASH_TEST_NAME}\n")
    return dbdir


def write_eicar(path):
    path = pathlib.Path(path)
    path.write_bytes(EICAR)
    return path


def write_eicar_zip(path, member="eicar.com"):
    path = pathlib.Path(path)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, EICAR)
    return path
