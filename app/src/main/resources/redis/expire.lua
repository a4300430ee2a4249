-- Seats whose hold has expired (their key is gone, their time has passed) become
-- AVAILABLE, announced once: of several sweepers, only the one whose ZREM removes the
-- entry announces it. A seat held again meanwhile has a new time and is left alone.
-- KEYS[1] held set   KEYS[2] change feed   KEYS[3..] seat keys
-- ARGV[1] feed length   ARGV[2] lifetime (ms) for a feed found without one
-- ARGV[3..] seat ids (in the order of KEYS[3..])
-- Returns the number of seats freed.
local feedLength = ARGV[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local freed = 0
for i = 3, #KEYS do
  local seat = ARGV[i]
  local expires = redis.call('ZSCORE', KEYS[1], seat)
  if expires and tonumber(expires) <= now and redis.call('EXISTS', KEYS[i]) == 0 then
    if redis.call('ZREM', KEYS[1], seat) == 1 then
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
      freed = freed + 1
    end
  end
end
-- Holds give the feed the event's lifetime; this only covers a feed deleted on its own.
if freed > 0 and redis.call('PTTL', KEYS[2]) == -1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return freed
