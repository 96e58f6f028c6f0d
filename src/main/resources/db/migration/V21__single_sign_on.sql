-- Single sign-on with OpenID Connect (issue 30). A person the identity provider knows is identified by the provider's
-- issuer and their subject there (iss, sub), never by email: an email only links an existing account, once, at that
-- account's first sign-on, and an account links one subject per issuer (a second one for a known email is refused).
-- Accounts made by single sign-on have no password.
alter table users alter column password_hash drop not null;

-- Whether the user's admin role came from DATACLIPS_OIDC_ADMIN_GROUP: only such a role goes again when the user leaves
-- the group; an admin made by hand stays one. Any change of the role by hand clears it.
alter table users add column admin_from_idp boolean not null default false;

create table oidc_identities (
  id              bigint generated always as identity primary key,
  issuer          varchar(500) not null,
  subject         varchar(255) not null,
  user_id         bigint not null references users (id) on delete cascade,
  email           varchar(320) not null,
  created_at      timestamp with time zone not null default current_timestamp,
  last_sign_in_at timestamp with time zone not null default current_timestamp,
  unique (issuer, subject),
  unique (issuer, user_id)
);
