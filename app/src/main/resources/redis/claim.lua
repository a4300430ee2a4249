-- Claims a hold for a purchase. Every seat must still belong to the hold, and no other
-- order may have claimed it. Then the seat keys, their held-set times, the record and the
-- hold's entries under the buyer's and address's bounds are kept alive until the
-- purchase must have finished, and only that order may release the hold: it can no
-- longer expire, or be released by its buyer, under the purchase.
-- The hold's places, likewise, must still be held (not run out) and are kept as long.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] buyer's holds   KEYS[4] address's holds
-- KEYS[5] holds of places   KEYS[6..] seat keys
-- ARGV[1] hold id   ARGV[2] order id   ARGV[3] ms to keep   ARGV[4] the hold's places ('' for
-- none)   ARGV[5..] seat ids (in the order of KEYS[6..])
-- Returns 1 if claimed, 0 if not.
local hold, order, keep = ARGV[1], ARGV[2], tonumber(ARGV[3])
local units = ARGV[4]
local tickets = unitsOf(units)
local claimedBy = redis.call('HGET', KEYS[2], 'claimedBy')
if claimedBy and claimedBy ~= order then
  return 0
end
for i = 6, #KEYS do
  if redis.call('GET', KEYS[i]) ~= hold then
    return 0
  end
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local keepUntil = now + keep
if units ~= '' then
  local expires = redis.call('ZSCORE', KEYS[5], hold .. '|' .. units)
  if not expires or tonumber(expires) <= now then
    return 0
  end
  redis.call('ZADD', KEYS[5], 'XX', 'GT', keepUntil, hold .. '|' .. units)
end
local function keepAlive(key)
  if redis.call('PTTL', key) < keep then
    redis.call('PEXPIRE', key, keep)
  end
end
for i = 6, #KEYS do
  keepAlive(KEYS[i])
  redis.call('ZADD', KEYS[1], 'XX', 'GT', keepUntil, ARGV[i - 1])
end
local entry = hold .. '|' .. (#KEYS - 5 + tickets)
for i = 3, 4 do
  if redis.call('ZSCORE', KEYS[i], entry) then
    redis.call('ZADD', KEYS[i], 'GT', keepUntil, entry)
    keepAlive(KEYS[i])
  end
end
redis.call('HSET', KEYS[2], 'claimedBy', order)
keepAlive(KEYS[2])
return 1
