-- wrk script for the scale suite: a Django page and a Flask API that read the database
-- (the test-only ones, tests/testapp) and the Flask backend's home, in turn, and a count
-- of every status, printed as "STATUSES 200=n 503=m" at the end.
local paths = {"/probe/items/", "/backend/", "/backend/api/probe/items"}
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   statuses = {}
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for code, n in pairs(thread:get("statuses")) do
         total[code] = (total[code] or 0) + n
      end
   end
   local parts = {}
   for code, n in pairs(total) do
      table.insert(parts, code .. "=" .. n)
   end
   io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
end
