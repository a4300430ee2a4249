-- Sold seats came back (an order was cancelled, or a sale undone): AVAILABLE again.
-- KEYS[1] change feed   KEYS[2] sold seats
-- ARGV[1] feed length   ARGV[2..] seat ids
local feedLength = ARGV[1]
for i = 2, #ARGV do
  redis.call('SREM', KEYS[2], ARGV[i])
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', feedLength, '*', 'seat', ARGV[i], 'status', 'AVAILABLE')
end
return #ARGV - 1
