-- Counts an event's allotments in Redis from what PostgreSQL knows: when they were never
-- counted here (the event was just published) or Redis lost them. Each allotment's
-- capacity is set; the sales PostgreSQL has committed are added to the sales of places
-- (a sale already there stays, once); then held and sold are counted again from the
-- holds and sales of places, which is what they are by definition.
-- KEYS[1] counted allotments   KEYS[2] holds of places   KEYS[3] sales of places
-- ARGV[1] retain until (epoch ms)   ARGV[2] k = number of allotments
-- ARGV[3..2+2k] allotment, capacity pairs   ARGV[3+2k..] the committed sales
-- ('<hold id>|<units>')
-- Returns the number of allotments counted.
local k = tonumber(ARGV[2])
local held, sold = {}, {}
for i = 1, k do
  local allotment = ARGV[1 + 2 * i]
  redis.call('HSET', KEYS[1], allotment .. '|cap', ARGV[2 + 2 * i])
  held[allotment], sold[allotment] = 0, 0
end
for i = 3 + 2 * k, #ARGV do
  redis.call('SADD', KEYS[3], ARGV[i])
end
local function recount(entries, into)
  for _, entry in ipairs(entries) do
    local _, counts = unitsOf(string.match(entry, '^[^|]*|(.*)$'))
    for _, count in ipairs(counts) do
      if into[count[1]] then
        into[count[1]] = into[count[1]] + count[2]
      end
    end
  end
end
recount(redis.call('ZRANGE', KEYS[2], 0, -1), held)
recount(redis.call('SMEMBERS', KEYS[3]), sold)
for allotment, n in pairs(held) do
  redis.call('HSET', KEYS[1], allotment .. '|held', n, allotment .. '|sold', sold[allotment])
end
for i = 1, 3 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[1])
end
return k
