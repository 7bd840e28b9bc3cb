global using System.Collections.Immutable;
global using System.Globalization;
global using FamilyAid.Domain.Bindings;
global using FamilyAid.Domain.Identity;
global using FamilyAid.Domain.Insurance;
global using FamilyAid.Domain.Policy;
global using FamilyAid.Domain.Tests.TestData;
