-- Places sold came back (an order was cancelled, or its sale undone): they leave the
-- sold counts of their allotments once, whoever calls first; the counts are announced.
-- KEYS[1] counted allotments   KEYS[2] sales of places   KEYS[3] change feed
-- ARGV[1] the sale ('<hold id>|<units>')   ARGV[2] feed length
-- Returns the number of tickets returned (0 if this sale was returned already, or never
-- counted).
local sale, feedLength = ARGV[1], ARGV[2]
local tickets, counts = unitsOf(string.match(sale, '^[^|]*|(.*)$'))
if #counts == 0 or redis.call('SREM', KEYS[2], sale) == 0 then
  return 0
end
countUnits(KEYS[1], counts, 'sold', -1)
announceUnits(KEYS[1], KEYS[3], feedLength, counts)
return tickets
