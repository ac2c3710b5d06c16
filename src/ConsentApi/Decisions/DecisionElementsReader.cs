using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace ConsentApi.Decisions;

/// <summary>
/// Reads, from a stored version's JSON, only the elements a decision depends on (status, the patient's identifier,
/// dateTime, policy, policyRule, and the provision tree's type, period, purpose, actor and nested provisions) into a
/// Firely Consent holding just those, for the decision index to compile. It is the index's hot path: rebuilding the
/// index reads every stored version, and a full parse by the SDK made that two and a half times slower
/// (decision 14). Elements that cannot change a decision are skipped; anything it does not know (a modifier
/// extension, implicitRules, an extension on a primitive, an element it has no rule for) returns null, and the
/// caller parses the version whole instead, so the index never judges less than the SDK would read.
/// </summary>
public static class DecisionElementsReader
{
    private static readonly HashSet<string> SkippedTopLevel = new(StringComparer.Ordinal)
    {
        "id", "meta", "text", "language", "contained", "extension", "identifier", "scope", "category", "performer", "organization",
        "sourceAttachment", "sourceReference", "verification",
    };

    private static readonly HashSet<string> SkippedInProvision = new(StringComparer.Ordinal)
    {
        "id", "extension", "action", "securityLabel", "class", "code", "dataPeriod", "data",
    };

    /// <summary>The decision's elements, or null when the JSON holds something only a full parse may judge.</summary>
    public static Consent? TryRead(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            var consent = new Consent();
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadConsent(ref reader, consent) && reader.Read() == false
                ? consent
                : null;
        }
        catch (JsonException)
        {
            // Not the canonical JSON the registry writes: the full parse reports what is wrong.
            return null;
        }
    }

    private static bool ReadConsent(ref Utf8JsonReader reader, Consent consent)
    {
        var typed = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "resourceType":
                    typed = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Consent"u8);
                    break;
                case "status":
                    if (reader.TokenType != JsonTokenType.String || EnumUtility.ParseLiteral<Consent.ConsentState>(reader.GetString()!) is not { } status)
                    {
                        return false;
                    }

                    consent.Status = status;
                    break;
                case "patient":
                    if (ReadReference(ref reader) is not { } patient)
                    {
                        return false;
                    }

                    consent.Patient = patient;
                    break;
                case "dateTime":
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    consent.DateTime = reader.GetString();
                    break;
                case "policy":
                    if (!ReadPolicies(ref reader, consent.Policy))
                    {
                        return false;
                    }

                    break;
                case "policyRule":
                    if (ReadCodeableConcept(ref reader) is not { } rule)
                    {
                        return false;
                    }

                    consent.PolicyRule = rule;
                    break;
                case "provision":
                    if (ReadProvision(ref reader) is not { } provision)
                    {
                        return false;
                    }

                    consent.Provision = provision;
                    break;
                default:
                    if (!SkippedTopLevel.Contains(name))
                    {
                        return false;
                    }

                    reader.Skip();
                    break;
            }
        }

        return typed && reader.TokenType == JsonTokenType.EndObject;
    }

    private static Consent.provisionComponent? ReadProvision(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var provision = new Consent.provisionComponent();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "type":
                    if (reader.TokenType != JsonTokenType.String || EnumUtility.ParseLiteral<Consent.ConsentProvisionType>(reader.GetString()!) is not { } type)
                    {
                        return null;
                    }

                    provision.Type = type;
                    break;
                case "period":
                    if (ReadPeriod(ref reader) is not { } period)
                    {
                        return null;
                    }

                    provision.Period = period;
                    break;
                case "purpose":
                    if (!ReadArray(ref reader, provision.Purpose, ReadCoding))
                    {
                        return null;
                    }

                    break;
                case "actor":
                    if (!ReadArray(ref reader, provision.Actor, ReadActor))
                    {
                        return null;
                    }

                    break;
                case "provision":
                    if (!ReadArray(ref reader, provision.Provision, ReadProvision))
                    {
                        return null;
                    }

                    break;
                default:
                    if (!SkippedInProvision.Contains(name))
                    {
                        return null;
                    }

                    reader.Skip();
                    break;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? provision : null;
    }

    private delegate T? ElementReader<T>(ref Utf8JsonReader reader)
        where T : class;

    private static bool ReadArray<T>(ref Utf8JsonReader reader, List<T> into, ElementReader<T> element)
        where T : class
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (element(ref reader) is not { } item)
            {
                return false;
            }

            into.Add(item);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadPolicies(ref Utf8JsonReader reader, List<Consent.PolicyComponent> into) =>
        ReadArray(ref reader, into, static (ref Utf8JsonReader r) =>
        {
            var policy = new Consent.PolicyComponent();
            return ReadObject(ref r, (string name, ref Utf8JsonReader v) => name switch
            {
                "uri" => Text(ref v, s => policy.Uri = s),
                "authority" or "id" or "extension" => Skip(ref v),
                _ => false,
            }) ? policy : null;
        });

    private static Consent.provisionActorComponent? ReadActor(ref Utf8JsonReader reader)
    {
        var actor = new Consent.provisionActorComponent();
        return ReadObject(ref reader, (string name, ref Utf8JsonReader v) => name switch
        {
            "reference" => ReadReference(ref v) is { } reference && Set(() => actor.Reference = reference),
            "role" or "id" or "extension" => Skip(ref v),
            _ => false,
        }) ? actor : null;
    }

    private static ResourceReference? ReadReference(ref Utf8JsonReader reader)
    {
        var reference = new ResourceReference();
        return ReadObject(ref reader, (string name, ref Utf8JsonReader v) => name switch
        {
            "identifier" => ReadIdentifier(ref v) is { } identifier && Set(() => reference.Identifier = identifier),
            "reference" => Text(ref v, s => reference.Reference = s),
            "type" or "display" or "id" or "extension" => Skip(ref v),
            _ => false,
        }) ? reference : null;
    }

    private static Identifier? ReadIdentifier(ref Utf8JsonReader reader)
    {
        var identifier = new Identifier();
        return ReadObject(ref reader, (string name, ref Utf8JsonReader v) => name switch
        {
            "system" => Text(ref v, s => identifier.System = s),
            "value" => Text(ref v, s => identifier.Value = s),
            "use" or "type" or "period" or "assigner" or "id" or "extension" => Skip(ref v),
            _ => false,
        }) ? identifier : null;
    }

    private static CodeableConcept? ReadCodeableConcept(ref Utf8JsonReader reader)
    {
        var concept = new CodeableConcept();
        return ReadObject(ref reader, (string name, ref Utf8JsonReader v) => name switch
        {
            "coding" => ReadArray(ref v, concept.Coding, ReadCoding),
            "text" or "id" or "extension" => Skip(ref v),
            _ => false,
        }) ? concept : null;
    }

    private static Coding? ReadCoding(ref Utf8JsonReader reader)
    {
        var coding = new Coding();
        return ReadObject(ref reader, (string name, ref Utf8JsonReader v) => name switch
        {
            "system" => Text(ref v, s => coding.System = s),
            "code" => Text(ref v, s => coding.Code = s),
            "version" or "display" or "userSelected" or "id" or "extension" => Skip(ref v),
            _ => false,
        }) ? coding : null;
    }

    private static Period? ReadPeriod(ref Utf8JsonReader reader)
    {
        var period = new Period();
        return ReadObject(ref reader, (string name, ref Utf8JsonReader v) => name switch
        {
            "start" => Text(ref v, s => period.Start = s),
            "end" => Text(ref v, s => period.End = s),
            "id" or "extension" => Skip(ref v),
            _ => false,
        }) ? period : null;
    }

    private delegate bool PropertyReader(string name, ref Utf8JsonReader value);

    /// <summary>Reads an object's properties with <paramref name="property"/>; false at the first it refuses.</summary>
    private static bool ReadObject(ref Utf8JsonReader reader, PropertyReader property)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!property(name, ref reader))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Text(ref Utf8JsonReader reader, Action<string> set)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        set(reader.GetString()!);
        return true;
    }

    private static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    private static bool Set(Action set)
    {
        set();
        return true;
    }
}
