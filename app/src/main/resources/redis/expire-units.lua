-- Holds of places whose time has passed give their places back to their allotments,
-- once: of several sweepers, only the one that removes a hold's entry acts on it. A hold
-- claimed by a purchase has a later time (claim.lua) and is left alone.
-- KEYS[1] holds of places   KEYS[2] counted allotments   KEYS[3] change feed
-- KEYS[4] the event's sales statistics
-- ARGV[1] feed length   ARGV[2] lifetime (ms) for statistics found without one
-- ARGV[3] most holds to free in this call
-- Returns the number of places freed.
local feedLength = ARGV[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local freed = 0
for _, entry in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))) do
  if redis.call('ZREM', KEYS[1], entry) == 1 then
    local tickets, counts = unitsOf(string.match(entry, '^[^|]*|(.*)$'))
    countUnits(KEYS[2], counts, 'held', -1)
    announceUnits(KEYS[2], KEYS[3], feedLength, counts)
    freed = freed + tickets
  end
end
if freed > 0 then
  redis.call('HINCRBY', KEYS[4], math.floor(now / 60000) .. '|expired', freed)
  redis.call('HINCRBY', KEYS[4], 'all|expired', freed)
  if redis.call('PTTL', KEYS[4]) == -1 then
    redis.call('PEXPIRE', KEYS[4], ARGV[2])
  end
end
return freed
