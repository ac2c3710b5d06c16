namespace ConsentApi.Consents.Search;

public enum SearchParamType
{
    Token,
    Reference,
    Date,
}
