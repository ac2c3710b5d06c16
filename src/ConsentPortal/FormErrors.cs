namespace ConsentPortal;

/// <summary>
/// A form's errors in the order the fields come: the error summary at the top lists them (each linking to its
/// field, by id) and each field shows its own message.
/// </summary>
public sealed class FormErrors : List<(string Field, string Message)>
{
    public bool Has(string field) => this.Any(e => e.Field == field);

    public string For(string field) => this.First(e => e.Field == field).Message;
}
