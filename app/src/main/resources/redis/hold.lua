-- Holds all the requested seats of one event, or none.
-- KEYS[1] held set (zset seat -> expiry ms)   KEYS[2] hold record (hash)
-- KEYS[3] change feed (stream)                KEYS[4] sold seats (set)
-- KEYS[5..] one key per seat, holding the id of the hold that owns it
-- ARGV[1] hold id   ARGV[2] ttl ms   ARGV[3] feed length   ARGV[4] n = number of seats
-- ARGV[5..4+n] seat ids   ARGV[5+n..] field, value pairs of the hold record
-- Returns {1, expires at ms} or {0, {unavailable seat ids}}.
local hold, ttl, feedLength, n = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local taken = {}
for i = 1, n do
  local seat = ARGV[4 + i]
  if redis.call('EXISTS', KEYS[4 + i]) == 1 or redis.call('SISMEMBER', KEYS[4], seat) == 1 then
    taken[#taken + 1] = seat
  end
end
if #taken > 0 then
  return {0, taken}
end
local clock = redis.call('TIME')
local expires = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + ttl
for i = 1, n do
  local seat = ARGV[4 + i]
  redis.call('SET', KEYS[4 + i], hold, 'PX', ttl)
  redis.call('ZADD', KEYS[1], expires, seat)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'HELD')
end
local record = {}
for i = 5 + n, #ARGV do
  record[#record + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], 'expiresAt', tostring(expires), unpack(record))
redis.call('PEXPIRE', KEYS[2], ttl)
-- The event's feed lives until a while after the event (the record's retainUntil).
local retainUntil = redis.call('HGET', KEYS[2], 'retainUntil')
if retainUntil then
  redis.call('PEXPIREAT', KEYS[3], retainUntil)
end
return {1, expires}
