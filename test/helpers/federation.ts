import * as fs from "fs";
import * as path from "path";

/** A self-signed test certificate (public only; its key was discarded). */
export const TEST_CERT_PEM = fs.readFileSync(
  path.join(__dirname, "../fixtures/federation/upstream-cert.pem"),
  "utf8",
);

export const OIDC_BROKER = {
  kind: "oidc",
  alias: "corp-sso",
  issuer: "https://login.corp.example.com/realms/staff",
  authorizationUrl: "https://login.corp.example.com/realms/staff/protocol/openid-connect/auth",
  tokenUrl: "https://login.corp.example.com/realms/staff/protocol/openid-connect/token",
  jwksUrl: "https://login.corp.example.com/realms/staff/protocol/openid-connect/certs",
  userInfoUrl: "https://login.corp.example.com/realms/staff/protocol/openid-connect/userinfo",
  clientId: "enclave-acme",
  network: { cidrs: ["192.0.2.16/28"], port: 443 },
} as const;

export const SAML_BROKER = {
  kind: "saml",
  alias: "corp-saml",
  idpEntityId: "https://sso.corp.example.com/saml",
  singleSignOnServiceUrl: "https://sso.corp.example.com/saml2/sso",
  signingCertificates: TEST_CERT_PEM,
} as const;

export const LDAP = {
  url: "ldaps://dc1.corp.example.com:636",
  vendor: "ad",
  bindDn: "CN=svc-keycloak,OU=Service,DC=corp,DC=example,DC=com",
  usersDn: "OU=People,DC=corp,DC=example,DC=com",
  network: { cidrs: ["10.20.0.10/32"], port: 636 },
} as const;
