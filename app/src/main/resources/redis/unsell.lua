-- Sold seats came back (an order was cancelled, or a sale undone): no longer in the sold
-- set, and AVAILABLE announced — except for a seat a new hold took meanwhile (its HELD is
-- already on the feed, and AVAILABLE after it would be false). Safe to run again.
-- KEYS[1] change feed   KEYS[2] sold seats   KEYS[3..] seat keys
-- ARGV[1] feed length   ARGV[2] retain until (epoch ms)   ARGV[3..] seat ids (in the order of KEYS[3..])
local feedLength, retainUntil = ARGV[1], ARGV[2]
local announced = 0
for i = 3, #KEYS do
  local seat = ARGV[i]
  redis.call('SREM', KEYS[2], seat)
  if redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
    announced = announced + 1
  end
end
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIREAT', KEYS[1], retainUntil)
end
return announced
