namespace FhirAdapters.Model;

/// <summary>Short constructors for <see cref="ElementInfo"/> rows, so a model class reads like its spec table.</summary>
internal static class Elements
{
    public static ElementInfo Str<T>(string name, FhirPrimitiveType type, Func<T, string?> get, Action<T, string?> set,
        int min = 0, RequiredBinding? binding = null, bool sibling = true)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Primitive,
            Primitive = type,
            Min = min,
            Binding = binding,
            AllowsSibling = sibling,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (string?)v),
        };

    public static ElementInfo StrList<T>(string name, FhirPrimitiveType type, Func<T, List<string>?> get,
        Action<T, List<string>?> set, int min = 0, RequiredBinding? binding = null)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Primitive,
            Primitive = type,
            IsList = true,
            Min = min,
            Binding = binding,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (List<string>?)v),
            NewList = () => new List<string>(),
        };

    public static ElementInfo Bool<T>(string name, Func<T, bool?> get, Action<T, bool?> set, int min = 0)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Primitive,
            Primitive = FhirPrimitiveType.Boolean,
            Min = min,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (bool?)v),
        };

    public static ElementInfo Int<T>(string name, FhirPrimitiveType type, Func<T, int?> get, Action<T, int?> set, int min = 0)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Primitive,
            Primitive = type,
            Min = min,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (int?)v),
        };

    public static ElementInfo One<T, TC>(string name, Func<FhirTypeInfo> type, Func<T, TC?> get, Action<T, TC?> set, int min = 0)
        where T : Base where TC : Base => new()
        {
            Name = name,
            Kind = ElementKind.Complex,
            ComplexType = type,
            Min = min,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (TC?)v),
        };

    public static ElementInfo Many<T, TC>(string name, Func<FhirTypeInfo> type, Func<T, List<TC>?> get, Action<T, List<TC>?> set, int min = 0)
        where T : Base where TC : Base => new()
        {
            Name = name,
            Kind = ElementKind.Complex,
            ComplexType = type,
            IsList = true,
            Min = min,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (List<TC>?)v),
            NewList = () => new List<TC>(),
        };

    public static ElementInfo OneResource<T>(string name, Func<T, Resource?> get, Action<T, Resource?> set)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Resource,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (Resource?)v),
        };

    public static ElementInfo ManyResources<T>(string name, Func<T, List<Resource>?> get, Action<T, List<Resource>?> set)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Resource,
            IsList = true,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (List<Resource>?)v),
            NewList = () => new List<Resource>(),
        };

    public static ElementInfo Choice<T>(string name, IReadOnlyList<ChoiceOption> options, Func<T, DataType?> get, Action<T, DataType?> set)
        where T : Base => new()
        {
            Name = name,
            Kind = ElementKind.Choice,
            Choices = options,
            Get = b => get((T)b),
            Set = (b, v) => set((T)b, (DataType?)v),
        };

    public static ChoiceOption Complex(string typeName, Func<FhirTypeInfo> type) => new(typeName, null, type);

    public static ChoiceOption Primitive(FhirPrimitiveType type) => new(FhirPrimitives.Name(type), type, null);
}
