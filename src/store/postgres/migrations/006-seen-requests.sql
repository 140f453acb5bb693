-- Signatures of signed requests already run (Slack HTTP mode's replay guard), shared by every
-- replica behind the load balancer and kept 5 minutes. (Leadership needs no table on Postgres: it is
-- a session advisory lock.)
CREATE TABLE seen_requests (
  signature text PRIMARY KEY,
  seen_at timestamptz NOT NULL         -- the request's own timestamp
);
CREATE INDEX seen_requests_time ON seen_requests (seen_at);
