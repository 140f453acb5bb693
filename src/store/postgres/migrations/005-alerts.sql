-- Alerts (/news alert): the topics each channel follows for alerts (one per topic, whatever its
-- case), and each story alerted in a channel, once (held: over the channel's hourly budget, left
-- for its next briefing).
CREATE TABLE alerts (
  platform text NOT NULL,
  channel text NOT NULL,
  topic_key text NOT NULL,
  topic text NOT NULL,
  filter text,
  mention text,                        -- the platform's id of the group or role pinged
  min_outlets integer NOT NULL,
  within_hours integer NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (platform, channel, topic_key)
);
CREATE TABLE alerts_raised (
  platform text NOT NULL,
  channel text NOT NULL,
  story_id bigint NOT NULL,
  topic text NOT NULL,
  headline text NOT NULL,
  raised_at timestamptz NOT NULL,
  held boolean NOT NULL,
  PRIMARY KEY (platform, channel, story_id)
);
CREATE INDEX alerts_raised_time ON alerts_raised (platform, channel, raised_at);
