"""Signed notes, keys and checkpoints (`ledger.note`) against the published examples: the Go
reference implementation's key and note (golang.org/x/mod/sumdb/note), the C2SP signed-note
example, and the C2SP checkpoint layout; then what must be refused."""

from __future__ import annotations

import base64

import pytest

from ledger.note import (
    COSIGNATURE,
    Checkpoint,
    Note,
    NoteError,
    Signer,
    Verifier,
    read_checkpoint,
    sign_checkpoint,
)

# golang.org/x/mod/sumdb/note, note_test.go
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_TEXT = ("If you think cryptography is the answer to your problem,\n"
           "then you don't know what your problem is.\n")
GO_NOTE = (GO_TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
           "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")
# c2sp.org/signed-note, "Example"
C2SP_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
C2SP_NOTE = ("This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6"
             "TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n")


def test_the_go_reference_key_signs_its_note_byte_for_byte():
    signer = Signer.parse(GO_SKEY)
    assert str(signer) == GO_SKEY
    assert str(signer.verifier()) == GO_VKEY
    assert str(signer.sign(Note(GO_TEXT))) == GO_NOTE


def test_the_published_notes_verify_with_their_public_keys():
    assert Note.parse(GO_NOTE).signed_by(Verifier.parse(GO_VKEY)) is True
    assert Note.parse(C2SP_NOTE).signed_by(Verifier.parse(C2SP_VKEY)) is True
    # an unknown key is no signature at all; a known key over changed text fails
    assert Note.parse(C2SP_NOTE).signed_by(Verifier.parse(GO_VKEY)) is None
    changed = Note.parse(GO_NOTE.replace("problem,", "problem;"))
    assert changed.signed_by(Verifier.parse(GO_VKEY)) is False


@pytest.mark.parametrize("text", [
    GO_VKEY.replace("c74f20a3", "c74f20a4"),  # the id does not match
    GO_VKEY[:-2],  # truncated key
    "PeterNeumann+c74f20a3",  # no key
    "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # a space in the name
    "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # unknown algorithm
])
def test_a_damaged_public_key_is_refused(text):
    with pytest.raises(NoteError):
        Verifier.parse(text)


def test_a_damaged_private_key_is_refused():
    for i in range(len(GO_SKEY)):
        mangled = GO_SKEY[:i] + chr(ord(GO_SKEY[i]) + 1) + GO_SKEY[i + 1:]
        with pytest.raises(NoteError):
            Signer.parse(mangled)


def test_a_checkpoint_has_the_c2sp_layout_and_the_ledgers_extension_lines():
    signer = Signer.generate("ledger.example/wrl")
    cp = Checkpoint.make("ledger.example/wrl", 20852163, bytes(range(32)), fingerprint="7:ab")
    note = sign_checkpoint(signer, cp)
    lines = str(note).split("\n")
    assert lines[:3] == ["ledger.example/wrl", "20852163",
                         base64.b64encode(bytes(range(32))).decode()]
    assert lines[3].startswith("time ") and lines[3].endswith("Z")
    assert lines[4] == "fingerprint 7:ab"
    assert lines[5] == "" and lines[6].startswith("\u2014 ledger.example/wrl ")
    found, _ = read_checkpoint(str(note), signer.verifier())
    assert (found.origin, found.size, found.root, found.fingerprint) == (
        "ledger.example/wrl", 20852163, bytes(range(32)), "7:ab")


def test_a_checkpoint_not_signed_by_the_key_or_changed_after_signing_is_refused():
    signer, other = Signer.generate("ledger.example/wrl"), Signer.generate("ledger.example/wrl")
    note = str(sign_checkpoint(signer, Checkpoint.make("ledger.example/wrl", 3, bytes(32))))
    with pytest.raises(NoteError, match="draagt geen handtekening"):
        read_checkpoint(note, other.verifier())
    with pytest.raises(NoteError, match="klopt niet: het controlepunt is gewijzigd"):
        read_checkpoint(note.replace("\n3\n", "\n4\n"), signer.verifier())


@pytest.mark.parametrize("text", [
    "ledger.example/wrl\n3\n",  # no signature
    "ledger.example/wrl\n03\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 a AAAAAAA=\n",
    "ledger.example/wrl\n3\nAAAA\n\n\u2014 a AAAAAAA=\n",  # a root that is no SHA-256
    "ledger.example/wrl\n3\n\n\u2014 a AAAAAAA=\n",  # no root
    "ledger.example/wrl\x1b\n3\nAAAA\n\n\u2014 a AAAAAAA=\n",  # a control character
])
def test_what_is_no_checkpoint_is_refused(text):
    with pytest.raises(NoteError):
        read_checkpoint(text)


def test_a_cosignature_is_a_timestamped_signature_of_the_checkpoint_text():
    holder, witness = Signer.generate("gemeente.example/kopie"), Signer.generate("ledger.example/wrl")
    note = sign_checkpoint(holder, Checkpoint.make("gemeente.example/kopie", 9, bytes(32)))
    line = witness.cosign(note, 1700000000)
    assert line.key_id == witness.verifier().cosigner().key_id != witness.verifier().key_id
    cosigned = Note.parse(str(note) + line.line() + "\n")
    assert cosigned.cosigned_at(witness.verifier()) == [1700000000]
    assert cosigned.signed_by(witness.verifier().cosigner()) is True
    assert cosigned.signed_by(holder.verifier()) is True  # the holder's own signature stays valid
    assert witness.verifier().cosigner().kind == COSIGNATURE
    forged = Note.parse(str(note).replace("\n9\n", "\n10\n") + line.line() + "\n")
    assert forged.cosigned_at(witness.verifier()) == []
