/**
 * The database bootstrap program, run by the bootstrap Job in Diffgram's own image (Python 3.11
 * with psycopg2, boto3 and google-auth; no extra image). It reads the administrator's credentials
 * from where the Platform says, connects with TLS verification (sslmode from the Platform, CA from
 * the database-ca ConfigMap), and creates or updates one role and one database per application.
 * Idempotent: safe to re-run; an existing role gets its (possibly rotated) password again.
 * It prints no credential and no connection string.
 *
 * The clear password never reaches the server: the role statements carry a SCRAM-SHA-256 verifier
 * computed here (RFC 5802 / RFC 7677, PostgreSQL's stored format), which PostgreSQL stores as
 * given. The database logs DDL (log_statement=ddl, kept a year), and psycopg2 substitutes
 * parameters client-side, so a PASSWORD parameter in clear would be written to that log. A logged
 * verifier lets nobody log in: the client proof needs the ClientKey, which the verifier does not
 * hold, and recovering the password means brute-forcing PBKDF2 over a 48-character random one.
 */
export const SCRAM_ITERATIONS = 4096;
export const SCRAM_SALT_BYTES = 16;

export const BOOTSTRAP_SCRIPT = `import base64
import hashlib
import hmac
import json
import os
import sys

import psycopg2
from psycopg2 import sql


def admin_credentials():
    kind = os.environ["ADMIN_CREDENTIALS_KIND"]
    if kind == "kubernetes-secret":
        return os.environ["ADMIN_USERNAME"], os.environ["ADMIN_PASSWORD"]
    if kind == "aws-secrets-manager":
        import boto3

        arn = os.environ["ADMIN_SECRET_ID"]
        client = boto3.client("secretsmanager", region_name=arn.split(":")[3])
        document = client.get_secret_value(SecretId=arn)["SecretString"]
    elif kind == "gcp-secret-manager":
        import google.auth
        from google.auth.transport.requests import AuthorizedSession

        name = os.environ["ADMIN_SECRET_ID"]
        if "/versions/" not in name:
            name += "/versions/latest"
        credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
        response = AuthorizedSession(credentials).get(
            "https://secretmanager.googleapis.com/v1/" + name + ":access", timeout=30
        )
        response.raise_for_status()
        document = base64.b64decode(response.json()["payload"]["data"]).decode("utf-8")
    else:
        sys.exit("unknown ADMIN_CREDENTIALS_KIND " + kind)
    parsed = json.loads(document)
    return parsed["username"], parsed["password"]


def scram_verifier(password, salt=None, iterations=${SCRAM_ITERATIONS}):
    """PostgreSQL's SCRAM-SHA-256 secret: SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>."""
    # PostgreSQL SASLpreps the password; for ASCII (the generated passwords) that is the identity.
    # Anything else is refused rather than hashed differently from the server.
    if not password.isascii():
        sys.exit("a role password is not ASCII: its SCRAM verifier cannot be computed here")
    salt = os.urandom(${SCRAM_SALT_BYTES}) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("ascii"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data):
        return base64.b64encode(data).decode("ascii")

    return "SCRAM-SHA-256$%d:%s$%s:%s" % (iterations, b64(salt), b64(stored_key), b64(server_key))


def ensure(cursor, role, password, database):
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (role,))
    existing = cursor.fetchone()
    if existing and existing[0]:
        sys.exit("role " + role + " is a superuser: refusing to hand its password to an application")
    verb = "ALTER" if existing else "CREATE"
    # NOSUPERUSER on CREATE only: a non-superuser administrator (RDS's, Cloud SQL's) may not name
    # the superuser attribute in ALTER ROLE, and the check above refuses a superuser role.
    attributes = "LOGIN NOCREATEDB NOCREATEROLE" if existing else "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
    # A verifier, never the password: the DDL log records this statement with its parameters.
    cursor.execute(
        sql.SQL(verb + " ROLE {} WITH " + attributes + " PASSWORD %s").format(sql.Identifier(role)),
        (scram_verifier(password),),
    )
    # The administrator must be able to act as the role to make it a database owner.
    cursor.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(role)))
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
    if not cursor.fetchone():
        cursor.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(database), sql.Identifier(role))
        )
    cursor.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
    done = "altered" if existing else "created"
    print("role " + role + ": " + done + "; database " + database + ": ready", flush=True)


def connect(admin, dbname):
    """A TLS connection as the administrator, verified against the CA (sslmode from the Platform)."""
    connection = psycopg2.connect(
        host=os.environ["PGHOST"],
        port=int(os.environ["PGPORT"]),
        dbname=dbname,
        user=admin[0],
        password=admin[1],
        sslmode=os.environ["PGSSLMODE"],
        sslrootcert=os.environ["PGSSLROOTCERT"],
        connect_timeout=15,
        application_name="enclave-database-bootstrap",
    )
    connection.autocommit = True
    return connection


def audit(admin, database):
    """pgAudit's extension in the app's database, where the server preloads the library.

    Session auditing (pgaudit.log) works once the library is loaded; the extension adds the event
    triggers that name the objects of DDL. RDS's administrator may create it; another
    administrator may not be allowed to, which is said and left to the database's operator.
    """
    connection = connect(admin, database)
    try:
        with connection.cursor() as cursor:
            # pgaudit.log exists only where the library is loaded (readable without privileges).
            cursor.execute("SELECT current_setting('pgaudit.log', true)")
            if (cursor.fetchone() or (None,))[0] is None:
                print("database " + database + ": pgaudit is not preloaded by the server: no audit log", flush=True)
                return
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pgaudit")
                print("database " + database + ": pgaudit extension ready", flush=True)
            except psycopg2.Error as error:
                if getattr(error, "pgcode", None) != "42501":  # insufficient_privilege
                    raise
                print(
                    "database " + database + ": pgaudit is preloaded (session audit on) but this "
                    "administrator may not create its extension; the database operator runs "
                    "CREATE EXTENSION pgaudit there",
                    flush=True,
                )
    finally:
        connection.close()


def main():
    admin = admin_credentials()
    apps = os.environ["APPS"].split(",")
    connection = connect(admin, os.environ.get("PGDATABASE", "postgres"))
    with connection.cursor() as cursor:
        for app in apps:
            prefix = app.upper()
            ensure(
                cursor,
                os.environ[prefix + "_DB_USERNAME"],
                os.environ[prefix + "_DB_PASSWORD"],
                os.environ[prefix + "_DB_NAME"],
            )
    connection.close()
    for app in apps:
        audit(admin, os.environ[app.upper() + "_DB_NAME"])


if __name__ == "__main__":
    main()
`;
