-- Argo CD health of Flowstack's kinds (flowstack.io Tenant, Workflow, Integration, BackupPolicy), read from the
-- status the operator writes. The same script serves the four kinds (install it once per kind: see docs/argocd.md).
--   Progressing: the operator has not reported on this generation yet, or it is still building / waiting.
--   Suspended:   the spec suspends it (a Tenant's runtime, a Workflow, a BackupPolicy) or its tenant is in
--                maintenance.
--   Degraded:    a typed reason that needs someone to act (a Tenant's Degraded=True; for the other kinds the
--                reasons listed below), or the last backup or restore drill failed.
--   Healthy:     Ready=True for the current generation.
local hs = { status = "Progressing", message = "Waiting for the Flowstack operator to report on this object" }

-- reasons of Ready=False that need someone to act, by kind (a Tenant says so itself with its Degraded condition)
local problems = {
  Workflow = { InvalidSpec = true, NotInTenantNamespace = true, TooLarge = true, NoRoom = true,
               RuntimeUnreachable = true },
  Integration = { InvalidSpec = true, NotInTenantNamespace = true, SecretNotReady = true, CheckFailed = true,
                  ConnectionFailed = true, RuntimeUnreachable = true },
  BackupPolicy = { InvalidSpec = true, NotInTenantNamespace = true, SecretMissing = true, SecretKeyMissing = true,
                   TargetMissing = true, BackupFailed = true, DrillFailed = true }
}

local function condition(conditions, type)
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function describe(c)
  if c.message ~= nil and c.message ~= "" then
    return c.reason .. ": " .. c.message
  end
  return c.reason or ""
end

local function suspended(o)
  if o.spec == nil then
    return false
  end
  if o.kind == "Tenant" then
    return o.spec.runtime ~= nil and o.spec.runtime.suspend == true
  end
  return o.spec.suspend == true
end

if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if observed == nil or (generation ~= nil and observed < generation) then
  hs.message = "The operator has not reported on generation " .. tostring(generation) .. " yet"
  return hs
end
local conditions = obj.status.conditions
local ready = condition(conditions, "Ready")
if ready == nil then
  return hs
end

if obj.kind == "Tenant" then
  local degraded = condition(conditions, "Degraded")
  if degraded ~= nil and degraded.status == "True" then
    hs.status = "Degraded"
    hs.message = describe(degraded)
    return hs
  end
elseif obj.kind == "BackupPolicy" then
  for _, type in ipairs({ "BackupSucceeded", "Verified" }) do
    local c = condition(conditions, type)
    if c ~= nil and c.status == "False" and problems.BackupPolicy[c.reason] then
      hs.status = "Degraded"
      hs.message = describe(c)
      return hs
    end
  end
end

if ready.status ~= "True" and problems[obj.kind] ~= nil and problems[obj.kind][ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end
if suspended(obj) or ready.reason == "Suspended" or ready.reason == "Maintenance" then
  hs.status = "Suspended"
  hs.message = describe(ready)
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or ""
  return hs
end
hs.message = describe(ready)
return hs
