-- Claims a hold for a purchase. Every seat must still belong to the hold, and no other
-- order may have claimed it. Then the seat keys, their held-set times and the record
-- are kept alive until the purchase must have finished, and only that order may release
-- the hold: it can no longer expire, or be released by its buyer, under the purchase.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3..] seat keys
-- ARGV[1] hold id   ARGV[2] order id   ARGV[3] ms to keep   ARGV[4..] seat ids (in the order of KEYS[3..])
-- Returns 1 if claimed, 0 if not.
local hold, order, keep = ARGV[1], ARGV[2], tonumber(ARGV[3])
local claimedBy = redis.call('HGET', KEYS[2], 'claimedBy')
if claimedBy and claimedBy ~= order then
  return 0
end
for i = 3, #KEYS do
  if redis.call('GET', KEYS[i]) ~= hold then
    return 0
  end
end
local clock = redis.call('TIME')
local keepUntil = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + keep
for i = 3, #KEYS do
  if redis.call('PTTL', KEYS[i]) < keep then
    redis.call('PEXPIRE', KEYS[i], keep)
  end
  redis.call('ZADD', KEYS[1], 'XX', 'GT', keepUntil, ARGV[i + 1])
end
redis.call('HSET', KEYS[2], 'claimedBy', order)
if redis.call('PTTL', KEYS[2]) < keep then
  redis.call('PEXPIRE', KEYS[2], keep)
end
return 1
