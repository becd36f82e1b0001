"""`ledger key`: actors' signing keys (add, list, revoke) and the policy that requires signatures
(require). Public keys and revocations are events (ledger/domain/keys.py); a private key is only
ever written to a file of its own (`--generate --out FILE`, mode 0600), never to the ledger."""

from pathlib import Path
from typing import Annotated

import typer

from commands.common import table
from commands.declare import Read, Write, reads, writes
from ledger.i18n import _

app = typer.Typer(help=_("Actors' signing keys, and the policy that requires signed events."),
                  no_args_is_help=True)

ActorArg = Annotated[str, typer.Argument(help=_("The actor whose key it is, as --actor names it."),
                                         metavar=_("ACTOR"))]


@writes(app, "add", help=_("Record an actor's public signing key (Ed25519); with --generate, "
                           "make a key pair and write the private key to a new file."))
def add(
    w: Write, holder: ActorArg,
    public_key: Annotated[str | None, typer.Option(
        "--public-key", help=_("The public key (its 32 bytes in base64), or a file holding it "
                               "(PEM or base64)."),
        metavar=_("FILE"), show_default=False)] = None,
    generate: Annotated[bool, typer.Option("--generate", help=_(
        "Make a new key pair; the private key goes to --out, never into the ledger."))] = False,
    out: Annotated[Path | None, typer.Option("--out", help=_(
        "With --generate: the new file for the private key (written with mode 0600)."),
        metavar=_("FILE"), show_default=False)] = None,
) -> None:
    from ledger.errors import InvalidInput
    from ledger.signing import (
        SigningKey,
        b64,
        parse_public_key,
        read_public_key,
        write_private_key,
    )

    if generate == (public_key is not None):
        raise InvalidInput(_("Give either --public-key FILE or --generate --out FILE."),
                           hint=_("See `ledger key add --help`."))
    if generate and out is None:
        raise InvalidInput(_("--generate needs --out FILE for the private key."),
                           hint=_("For example --generate --out ~/.ledger/signing.key."))
    made = SigningKey.generate() if generate else None
    raw = made.public if made is not None else (
        read_public_key(str(public_key)) if Path(str(public_key)).is_file()
        else parse_public_key(str(public_key), _("The public key given")))
    if made is not None and out is not None:
        w.ledger.check_key_addable(w.env, actor=holder, public_key=b64(raw))
        write_private_key(made, str(out))
    outcome = w.ledger.key_add(w.env, actor=holder, public_key=b64(raw))
    message = _("key {key_id} of {actor}").format(key_id=outcome.detail["key_id"],
                                                  actor=holder.strip())
    if made is not None:
        message += " " + _("(private key in {path})").format(path=out)
    w.done(outcome, message)


@writes(app, "revoke", help=_("Revoke an actor's key (give --reason): later signatures with it "
                              "are flagged by `ledger audit verify --signatures`."))
def revoke(
    w: Write, holder: ActorArg,
    key_id: Annotated[str, typer.Argument(help=_("The key's id, as `ledger key list` shows it."),
                                          metavar=_("KEYID"))],
) -> None:
    outcome = w.ledger.key_revoke(w.env, actor=holder, key_id=key_id)
    w.done(outcome, _("revocation of key {key_id} of {actor}").format(
        key_id=key_id.strip().lower(), actor=holder.strip()))


@writes(app, "require", help=_("Require, from now on, that every event of an actor holding a key "
                               "is signed: in the whole ledger, or in one programme."))
def require(
    w: Write,
    programme: Annotated[str | None, typer.Option(
        "--programme", help=_("Only in this programme (default: the whole ledger)."),
        show_default=False)] = None,
) -> None:
    outcome = w.ledger.key_require(w.env, programme=programme)
    w.done(outcome, _("signatures required in {scope}").format(
        scope=outcome.subject.split(":", 1)[1]))


@reads(app, "list", help=_("List the actors' keys (added, revoked) and the signature policies."))
def list_(r: Read) -> None:
    from ledger.dates import show_date
    from projections.keys import keys_view

    view = keys_view(r.reader)
    if r.answered(view):
        return
    rows = [[k["actor"], k["key_id"], f"#{k['added_at']}", show_date(k["added_on"]),
             _("revoked at #{position}").format(position=k["revoked_at"])
             if k["revoked_at"] else _("in use")] for k in view["keys"]]
    table(_("Signing keys"), [_("actor"), _("key"), _("added"), _("date"), _("status")], rows)
    for p in view["policies"]:
        r_scope = _("the whole ledger") if p["scope"] == "ledger" else p["scope"]
        from commands.common import console

        console.print(_("Signatures required in {scope} from #{position}.").format(
            scope=r_scope, position=p["position"]))
