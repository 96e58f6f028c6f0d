-- Accounts: users, their browser sessions and API tokens.
-- Session ids and API tokens are stored only as SHA-256 hashes: a leaked table grants nothing.
create table users (
  id            bigint generated always as identity primary key,
  email         varchar(320) not null unique,
  password_hash varchar(100) not null,
  role          varchar(10)  not null check (role in ('admin', 'member')),
  created_at    timestamp with time zone not null default current_timestamp
);

create table sessions (
  token_hash  varchar(64) primary key,
  user_id     bigint not null references users (id) on delete cascade,
  created_at  timestamp with time zone not null default current_timestamp,
  expires_at  timestamp with time zone not null
);

create table api_tokens (
  id           bigint generated always as identity primary key,
  user_id      bigint not null references users (id) on delete cascade,
  token_hash   varchar(64) not null unique,
  name         varchar(200) not null,
  created_at   timestamp with time zone not null default current_timestamp,
  last_used_at timestamp with time zone
);

-- Registered databases. Connection URLs (with user and password) are stored only AES-GCM encrypted;
-- the *_display columns hold host:port/database for pages and the API, never a credential.
create table sources (
  id                        bigint generated always as identity primary key,
  name                      varchar(100) not null unique,
  primary_url_encrypted     bytea,
  primary_display           varchar(300),
  statement_timeout_seconds integer not null default 300,
  max_lag_seconds           integer not null default 300,
  created_by                bigint references users (id) on delete set null,
  created_at                timestamp with time zone not null default current_timestamp
);

create table followers (
  id            bigint generated always as identity primary key,
  source_id     bigint not null references sources (id) on delete cascade,
  position      integer not null,
  host          varchar(255) not null,
  port          integer not null,
  database_name varchar(255) not null,
  url_encrypted bytea not null,
  unique (source_id, position)
);
