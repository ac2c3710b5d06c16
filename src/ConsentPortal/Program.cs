using ConsentRegistry.DesignSystem;
using ConsentPortal;
using ConsentPortal.Identity;
using ConsentPortal.Registry;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHttpContextAccessor();
builder.Services.AddHttpClient(RegistryApi.ClientName, (sp, client) =>
{
    client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PortalOptions>>().Value.ApiBaseUrl);
    client.Timeout = TimeSpan.FromSeconds(30);
});
builder.Services.AddScoped<RegistryApi>();
builder.Services.AddScoped<PatientChoices>();
builder.Services.AddScoped<ActingFor>();
builder.Services.AddScoped<CatalogueWords>();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    // The API may share this host name on another port; browsers do not separate cookies by port, so names differ.
    o.Cookie.Name = "consentportal.session";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.LoginPath = "/signin";
    o.AccessDeniedPath = "/not-allowed";
    o.SlidingExpiration = false;
    o.Events.OnValidatePrincipal = SessionTokens.ValidateAsync;
    o.Events.OnRedirectToLogin = ExpiredSession.RedirectToLoginAsync;
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(PortalClaims.StaffPolicy, p => p.RequireAuthenticatedUser()
        .RequireAssertion(c => c.User.FindFirst(PortalClaims.Scope)?.Value.Split(' ').Contains(PortalClaims.MonitoringScope) == true))
    .AddPolicy(PortalClaims.PatientPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Kind, "patient"));
builder.Services.AddAntiforgery(o => o.Cookie.Name = "consentportal.antiforgery");
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Staff", PortalClaims.StaffPolicy);
    o.Conventions.AuthorizeFolder("/Choices", PortalClaims.PatientPolicy);
});

var app = builder.Build();

app.UsePortalSecurityHeaders();
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
app.UseMiddleware<RegistrySessionMiddleware>();
app.UseNhsukFrontend();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapSignIn();
app.MapStaffDownloads();
app.MapStaffJobDashboard();
app.MapActingFor();
app.MapRazorPages();

await app.RunAsync();

/// <summary>The portal's entry point, visible to its browser tests.</summary>
public partial class Program;
