-- Places counted in allotments (capacity pools, price tiers limited in quantity; see
-- inventory.Units), for the scripts that take, free, sell and return them. The event's
-- counters hash has <allotment>|cap, |held and |sold.
-- A units text '<tickets>;<allotment>=<n>,…' ('' for none): the tickets, and the counts.
local function unitsOf(text)
  if text == nil or text == '' then
    return 0, {}
  end
  local tickets, rest = string.match(text, '^(%d+);(.*)$')
  local counts = {}
  for allotment, n in string.gmatch(rest, '([^,=]+)=(%d+)') do
    counts[#counts + 1] = {allotment, tonumber(n)}
  end
  return tonumber(tickets), counts
end
-- Adds sign * n to each allotment's field ('held' or 'sold').
local function countUnits(counters, counts, field, sign)
  for _, count in ipairs(counts) do
    redis.call('HINCRBY', counters, count[1] .. '|' .. field, sign * count[2])
  end
end
-- Each allotment's counts after a change, on the event's change feed.
local function announceUnits(counters, feed, feedLength, counts)
  for _, count in ipairs(counts) do
    local values = redis.call('HMGET', counters, count[1] .. '|cap', count[1] .. '|held', count[1] .. '|sold')
    local cap, held, sold = tonumber(values[1] or '0'), tonumber(values[2] or '0'), tonumber(values[3] or '0')
    redis.call('XADD', feed, 'MAXLEN', '~', feedLength, '*', 'allotment', count[1],
      'available', math.max(0, cap - held - sold), 'held', held, 'sold', sold)
  end
end
