-- the canary strings a tenant placed in each app's Dify system prompt (projection "directory")
ALTER TABLE app_view ADD COLUMN canaries TEXT[] NOT NULL DEFAULT '{}';
