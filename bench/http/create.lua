-- Records new national data opt-outs for fresh valid NHS numbers (98xxxxxxxx, never generated elsewhere).
-- Each run takes a slot from the clock (160 one-minute slots of 60,000 numbers), so repeated runs against the same
-- data do not collide with the one-Consent-per-policy rule; SLOT (0-159) chooses one instead (bench/compare.sh).
-- The bearer token comes from TOKEN (bench/run.sh gets one for its own client).
local auth = "Bearer " .. os.getenv("TOKEN")
local counter = 0
local thread_index = 0
local slot = tonumber(os.getenv("SLOT") or "") or math.floor(os.time() / 60) % 160
setup = function(thread)
  thread:set("base", 980000000 + slot * 60000 + thread_index * 30000)
  thread_index = thread_index + 1
end
local function nhs(first_nine)
  local digits, sum = tostring(first_nine), 0
  for i = 1, 9 do sum = sum + tonumber(digits:sub(i, i)) * (11 - i) end
  local check = 11 - (sum % 11)
  if check == 11 then check = 0 end
  if check == 10 then return nil end
  return digits .. check
end
request = function()
  local number
  repeat
    counter = counter + 1
    number = nhs(base + counter)
  until number
  local body = '{"resourceType":"Consent","status":"active",' ..
    '"scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},' ..
    '"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],' ..
    '"patient":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"' .. number .. '"}},' ..
    '"dateTime":"2026-11-21T10:00:00Z",' ..
    '"policy":[{"uri":"https://consentregistry.example/policy/national-data-opt-out"}],' ..
    '"provision":{"type":"deny","purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"HRESCH"}]}}'
  return wrk.format("POST", "/fhir/Consent", { ["Content-Type"] = "application/fhir+json", ["Authorization"] = auth }, body)
end
