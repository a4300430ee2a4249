-- Turns seats kept for the event's line into a hold of one buyer (a waitlist offer), all
-- of them or none: each must still be kept (owned by the line's marker). The hold is an
-- ordinary hold from then on: bought through the purchase saga, released, or expired.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] kept set   KEYS[4..] seat keys
-- ARGV[1] hold id   ARGV[2] ttl ms   ARGV[3] n = number of seats   ARGV[4..3+n] seat ids
-- ARGV[4+n..] field, value pairs of the hold record
-- Returns {1, expires at ms}, or {0, {seat ids no longer kept}}.
local hold, ttl, n = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
-- Sent again after a lost reply: the hold exists, and this is its answer.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {1, tonumber(redis.call('HGET', KEYS[2], 'expiresAt'))}
end
local gone = {}
for i = 1, n do
  if redis.call('GET', KEYS[3 + i]) ~= 'line' then
    gone[#gone + 1] = ARGV[3 + i]
  end
end
if #gone > 0 then
  return {0, gone}
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local expires = now + ttl
for i = 1, n do
  local seat = ARGV[3 + i]
  redis.call('SET', KEYS[3 + i], hold, 'PX', ttl)
  redis.call('ZADD', KEYS[1], expires, seat)
  redis.call('ZREM', KEYS[3], seat)
end
local record = {}
for i = 4 + n, #ARGV do
  record[#record + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], 'expiresAt', tostring(expires), unpack(record))
redis.call('PEXPIRE', KEYS[2], ttl)
return {1, expires}
