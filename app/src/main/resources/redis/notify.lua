-- One notification for one user, in one call: appended to the user's stream, which keeps
-- about ARGV[1] entries and lives ARGV[2] ms past its latest one.
-- KEYS[1] the user's stream
-- ARGV[1] entries kept   ARGV[2] lifetime (ms)   ARGV[3..] field, value, field, value, ...
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return id
