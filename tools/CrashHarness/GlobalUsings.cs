// Hl7.Fhir.Model has a FHIR Task resource; in this project Task always means System.Threading.Tasks.Task.
global using Task = System.Threading.Tasks.Task;
global using Hl7.Fhir.Utility;
