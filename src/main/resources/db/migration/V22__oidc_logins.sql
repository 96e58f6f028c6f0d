-- Sign-ons under way (issue 30): one row from "Sign in with …" until the provider sends the browser back, at most
-- 10 minutes, deleted by that first return (so a replayed return finds nothing). The state is kept as its SHA-256
-- hash, like the browser's binding cookie: the state alone, seen in a URL, is worth nothing in another browser.
create table oidc_logins (
  state_hash    varchar(64)   primary key,
  browser_hash  varchar(64)   not null,
  nonce         varchar(100)  not null,
  code_verifier varchar(128)  not null,
  redirect_uri  varchar(2000) not null,
  next_path     varchar(2000) not null,
  created_at    timestamp with time zone not null default current_timestamp
);
create index oidc_logins_created on oidc_logins (created_at);

-- The ID token a single sign-on session began with: sent back as id_token_hint when the user also signs out at the
-- provider (some providers, Okta among them, require it). Deleted with the session.
alter table sessions add column id_token text;
