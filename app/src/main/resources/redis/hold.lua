-- Holds all the requested seats and places of one event, or none.
-- KEYS[1] held set (zset seat -> expiry ms)   KEYS[2] hold record (hash)
-- KEYS[3] change feed (stream)                KEYS[4] sold seats (set)
-- KEYS[5] the buyer's holds of the event, KEYS[6] the client address's (zsets of
--         '<hold id>|<seats and places>' -> expiry ms)
-- KEYS[7] the event's sales statistics (hash)   KEYS[8] the counted allotments (hash)
-- KEYS[9] the holds of places (zset '<hold id>|<units>' -> expiry ms)
-- KEYS[10..] one key per seat, holding the id of the hold that owns it
-- ARGV[1] hold id   ARGV[2] ttl ms   ARGV[3] feed length   ARGV[4] n = number of seats
-- ARGV[5] most seats the buyer may hold at once   ARGV[6] the same per address (0: none)
-- ARGV[7] the places taken ('<tickets>;<allotment>=<n>,…', '' for none)
-- ARGV[8] m = number of allotments that must have no room left (the tiers the price
--         skipped as full)   ARGV[9..8+m] those allotments
-- ARGV[9+m..8+m+n] seat ids   ARGV[9+m+n..] field, value pairs of the hold record
-- Returns {1, expires at ms}, {0, {unavailable seat ids}}, {2, seats held now, limit,
-- 'buyer' | 'address'} when the hold would take the buyer or address past its bound,
-- {3} when the allotments are not counted in Redis (yet, or any more: load them first),
-- or {4, allotment} when an allotment has too little room (or one that must have none
-- has some: the price was worked out on counts that have changed).
local hold, ttl, feedLength, n = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local units, m = ARGV[7], tonumber(ARGV[8])
local tickets, counts = unitsOf(units)
local seatArg, seatKey = 8 + m, 9
-- The same hold sent again (the client re-sends a command whose reply a lost connection
-- swallowed): the hold exists, and this is its answer. Hold ids are never reused.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {1, tonumber(redis.call('HGET', KEYS[2], 'expiresAt'))}
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
-- Seats still held under a bound: the live entries' counts ('<hold>|<seats>').
local function heldUnder(bound)
  redis.call('ZREMRANGEBYSCORE', bound, '-inf', now)
  local seats = 0
  for _, entry in ipairs(redis.call('ZRANGE', bound, 0, -1)) do
    seats = seats + tonumber(string.match(entry, '|(%d+)$'))
  end
  return seats
end
local bounds = {{KEYS[5], tonumber(ARGV[5]), 'buyer'}, {KEYS[6], tonumber(ARGV[6]), 'address'}}
for _, bound in ipairs(bounds) do
  if bound[2] > 0 then
    local held = heldUnder(bound[1])
    if held + n + tickets > bound[2] then
      return {2, held, bound[2], bound[3]}
    end
  end
end
-- A seat still in the held set is taken, even once its key has expired: its hold ran out,
-- but it is free only when the expiry sweep frees it — to the public, or to the event's
-- line while buyers wait (a moment between the two would let the public take it first).
local taken = {}
for i = 1, n do
  local seat = ARGV[seatArg + i]
  if redis.call('EXISTS', KEYS[seatKey + i]) == 1 or redis.call('SISMEMBER', KEYS[4], seat) == 1
      or redis.call('ZSCORE', KEYS[1], seat) then
    taken[#taken + 1] = seat
  end
end
if #taken > 0 then
  return {0, taken}
end
-- Room in the allotments: every one counted, each with room for what is taken from it,
-- and none of those the price skipped as full with room again.
local function room(allotment)
  local values = redis.call('HMGET', KEYS[8], allotment .. '|cap', allotment .. '|held', allotment .. '|sold')
  if not values[1] then
    return nil
  end
  return tonumber(values[1]) - tonumber(values[2] or '0') - tonumber(values[3] or '0')
end
for _, count in ipairs(counts) do
  local left = room(count[1])
  if left == nil then
    return {3}
  end
  if left < count[2] then
    return {4, count[1]}
  end
end
for i = 1, m do
  local left = room(ARGV[8 + i])
  if left == nil then
    return {3}
  end
  if left > 0 then
    return {4, ARGV[8 + i]}
  end
end
local expires = now + ttl
for i = 1, n do
  local seat = ARGV[seatArg + i]
  redis.call('SET', KEYS[seatKey + i], hold, 'PX', ttl)
  redis.call('ZADD', KEYS[1], expires, seat)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'HELD')
end
if units ~= '' then
  countUnits(KEYS[8], counts, 'held', 1)
  redis.call('ZADD', KEYS[9], expires, hold .. '|' .. units)
  announceUnits(KEYS[8], KEYS[3], feedLength, counts)
end
local entry = hold .. '|' .. (n + tickets)
for _, bound in ipairs(bounds) do
  if bound[2] > 0 then
    redis.call('ZADD', bound[1], expires, entry)
    if redis.call('PTTL', bound[1]) < ttl then
      redis.call('PEXPIRE', bound[1], ttl)
    end
  end
end
local record = {}
for i = seatArg + n + 1, #ARGV do
  record[#record + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], 'expiresAt', tostring(expires), unpack(record))
redis.call('PEXPIRE', KEYS[2], ttl)
-- The event's feed lives until a while after the event (the record's retainUntil).
local retainUntil = redis.call('HGET', KEYS[2], 'retainUntil')
if retainUntil then
  redis.call('PEXPIREAT', KEYS[3], retainUntil)
end
redis.call('HINCRBY', KEYS[7], math.floor(now / 60000) .. '|holds', 1)
redis.call('HINCRBY', KEYS[7], 'all|holds', 1)
redis.call('HINCRBY', KEYS[7], math.floor(now / 60000) .. '|seats', n + tickets)
redis.call('HINCRBY', KEYS[7], 'all|seats', n + tickets)
if retainUntil then
  redis.call('PEXPIREAT', KEYS[7], retainUntil)
  if units ~= '' then
    redis.call('PEXPIREAT', KEYS[9], retainUntil)
  end
end
return {1, expires}
