global using System.Net;
global using System.Net.Http.Json;
global using FamilyAid.Functions.Tests.Infrastructure;
