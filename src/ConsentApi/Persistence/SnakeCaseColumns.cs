using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ConsentApi.Persistence;

/// <summary>Names every column of an entity in the registry's snake_case (NormalizedUserName → normalized_user_name).</summary>
public static class SnakeCaseColumns
{
    public static void Apply(IMutableEntityType entity)
    {
        foreach (var property in entity.GetProperties())
        {
            property.SetColumnName(Snake(property.Name));
        }
    }

    private static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
