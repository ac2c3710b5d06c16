using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Choices;

/// <summary>A page about one person's choices: the signed-in person's own, or those of someone they act for.</summary>
public abstract class PersonPage(ActingFor actingFor) : PageModel
{
    public ActingFor.Person Person { get; private set; } = null!;
    public IReadOnlyList<ActingFor.Person> People { get; private set; } = [];

    /// <summary>Works out whose choices are shown and returns their NHS number.</summary>
    protected async Task<string> PersonAsync(CancellationToken ct)
    {
        (Person, People) = await actingFor.CurrentAsync(ct);
        return Person.NhsNumber;
    }
}
