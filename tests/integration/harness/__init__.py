"""Test harness: real smbd, smbclient, scannedonlyd and libclamav, on loopback."""
