-- Claims a hold for a purchase. Every seat must still belong to the hold, and no other
-- order may have claimed it. Then the seat keys, their held-set times, the record and the
-- hold's entries under the buyer's and address's bounds are kept alive until the
-- purchase must have finished, and only that order may release the hold: it can no
-- longer expire, or be released by its buyer, under the purchase.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] buyer's holds   KEYS[4] address's holds
-- KEYS[5..] seat keys
-- ARGV[1] hold id   ARGV[2] order id   ARGV[3] ms to keep   ARGV[4..] seat ids (in the order of KEYS[5..])
-- Returns 1 if claimed, 0 if not.
local hold, order, keep = ARGV[1], ARGV[2], tonumber(ARGV[3])
local claimedBy = redis.call('HGET', KEYS[2], 'claimedBy')
if claimedBy and claimedBy ~= order then
  return 0
end
for i = 5, #KEYS do
  if redis.call('GET', KEYS[i]) ~= hold then
    return 0
  end
end
local clock = redis.call('TIME')
local keepUntil = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + keep
local function keepAlive(key)
  if redis.call('PTTL', key) < keep then
    redis.call('PEXPIRE', key, keep)
  end
end
for i = 5, #KEYS do
  keepAlive(KEYS[i])
  redis.call('ZADD', KEYS[1], 'XX', 'GT', keepUntil, ARGV[i - 1])
end
local entry = hold .. '|' .. (#KEYS - 4)
for i = 3, 4 do
  if redis.call('ZSCORE', KEYS[i], entry) then
    redis.call('ZADD', KEYS[i], 'GT', keepUntil, entry)
    keepAlive(KEYS[i])
  end
end
redis.call('HSET', KEYS[2], 'claimedBy', order)
keepAlive(KEYS[2])
return 1
