namespace ConsentApi.Objections;

/// <summary>What an organisation sends to record that it considered a person's objection.</summary>
public sealed record ConsiderationInput(string? NhsNumber, string? Policy, string? Recipient, string? Purpose, string? Outcome,
    string? LegalBasis, string? Criterion);
